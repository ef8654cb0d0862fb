// libFuzzer target: one case line as `sop eval --batch` reads it — the one-pass decoder (with
// the general decoder behind it), evaluation with the trace, the direct determination writer —
// and where the one-pass decoder takes the line, the general decoder must read the same facts.
// fuzz_case.cpp's code, with its general renderers left out (SOP_FUZZ_BATCH_LINE): several
// times the executions per second, on the path that reads millions of cases.
#define SOP_FUZZ_BATCH_LINE 1
#include "fuzz_case.cpp"
