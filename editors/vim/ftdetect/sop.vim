" sop policy files (docs/editors.md)
autocmd BufRead,BufNewFile *.sop setfiletype sop
