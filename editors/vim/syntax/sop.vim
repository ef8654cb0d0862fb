" Vim syntax file for the sop policy language (docs/language.md; install: docs/editors.md).
" The same classes as the VS Code grammar (editors/vscode/syntaxes/sop.tmLanguage.json):
" citations and quotations apart from other strings, dates, date-times, durations.
if exists("b:current_syntax")
  finish
endif

syn keyword sopDeclaration import plan header enum record fact output def fn document source
syn keyword sopDeclaration calendar refine test invariant reading
syn keyword sopRule rule otherwise exception adopt override omit before after skip
syn keyword sopConditional if then else when first collect using
syn keyword sopOperatorWord and or not in
syn keyword sopKeyword because default holiday on observed from until between dates of as unknown
syn keyword sopKeyword missing expect given list set for sections unchecked to
syn keyword sopConstant true false null
syn keyword sopType bool int string date datetime duration citation
syn keyword sopCalendarWord January February March April May June July August September October
syn keyword sopCalendarWord November December Monday Tuesday Wednesday Thursday Friday Saturday
syn keyword sopCalendarWord Sunday saturday sunday friday monday second third fourth fifth last

syn match sopNumber "\<\d\+\>"
syn match sopDuration "\<\d\+\s\+\(hours\?\|days\?\|business_days\?\)\>"
syn match sopDate "\<\d\{4}-\d\d-\d\d\>"
syn match sopDateTime "\<\d\{4}-\d\d-\d\dT\d\d:\d\d\(:\d\d\)\?\(Z\|[+-]\d\d:\d\d\)"
syn match sopTypeName "\<[A-Z][A-Za-z0-9_]*\>"
syn match sopOperator "=>\|->\|==\|!=\|<=\|>=\|??\|\.\."
" A rule's label after the word that declares or refines it.
syn match sopLabel "\(\<\(rule\|adopt\|override\|omit\|to\|before\|after\|invariant\)\s\+\)\@<=\h\w*"

syn match sopEscape contained "\\\([\"\\nt]\|u\x\{4}\)"
syn region sopString start=+"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=sopEscape
" The string after `cite` (a citation) and after `quote` (the source's words).
syn region sopCitation matchgroup=sopRule start=+\<cite\s*"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=sopEscape
syn region sopQuotation matchgroup=sopRule start=+\<quote\s*"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=sopEscape
syn match sopComment "//.*$" contains=sopTodo
syn keyword sopTodo contained TODO FIXME XXX

hi def link sopDeclaration Structure
hi def link sopRule Statement
hi def link sopConditional Conditional
hi def link sopOperatorWord Operator
hi def link sopOperator Operator
hi def link sopKeyword Keyword
hi def link sopConstant Boolean
hi def link sopType Type
hi def link sopTypeName Type
hi def link sopCalendarWord Constant
hi def link sopNumber Number
hi def link sopDuration Number
hi def link sopDate Constant
hi def link sopDateTime Constant
hi def link sopLabel Function
hi def link sopString String
hi def link sopCitation Special
hi def link sopQuotation Character
hi def link sopEscape SpecialChar
hi def link sopComment Comment
hi def link sopTodo Todo

let b:current_syntax = "sop"
