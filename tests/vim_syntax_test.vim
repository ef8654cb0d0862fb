" Run by tests/CMakeLists.txt: vim -N -u NONE -i NONE -es --cmd 'set rtp^=editors/vim'
"   -S tests/vim_syntax_test.vim OUT. Opens every shipped plan and stdlib module with
" editors/vim's filetype detection and syntax, and checks the highlight group at each place a
" reader relies on; writes one line per failure and a summary to OUT.
filetype on
syntax on
let s:failures = []
let s:passed = 0

" The syntax group at the first match of `pattern` (the cursor at its end, `e` offset).
function! s:group_at(pattern) abort
  call cursor(1, 1)
  if search(a:pattern, 'ceW') == 0
    return ''
  endif
  return synIDattr(synID(line('.'), col('.'), 1), 'name')
endfunction

function! s:expect(file, pattern, group) abort
  let got = s:group_at(a:pattern)
  if got ==# a:group
    let s:passed += 1
  else
    call add(s:failures, printf('FAIL %s: /%s/ is %s, not %s', a:file, a:pattern, got, a:group))
  endif
endfunction

for s:file in glob('policies/*.sop', 0, 1) + glob('stdlib/*.sop', 0, 1)
  execute 'edit ' . fnameescape(s:file)
  if &filetype !=# 'sop'
    call add(s:failures, 'FAIL ' . s:file . ': filetype is "' . &filetype . '", not sop')
    continue
  endif
  " Each construct the file has (outside comments: no `//` before it on its line).
  for [s:pattern, s:group] in [['^\s*//.', 'sopComment'], ['^import', 'sopDeclaration'],
        \ ['^[^/"]*\<cite "\zs.', 'sopCitation'], ['^[^/]*\<quote "\zs.', 'sopQuotation'],
        \ ['^\s*rule \zs\h', 'sopLabel'], ['^[^/"]*\<\d\{4}-\d\d-\d\d\>', 'sopDate'],
        \ ['^[^/"]*\<\d\+ business_days\?\>', 'sopDuration'],
        \ ['^\s*fact\>', 'sopDeclaration'], ['^[^/"]*\<when\>', 'sopConditional']]
    if search(s:pattern, 'nw')
      call s:expect(s:file, s:pattern, s:group)
    endif
  endfor
endfor
call writefile(s:failures + [printf('%d passed, %d failed', s:passed, len(s:failures))], argv(0))
qa!
