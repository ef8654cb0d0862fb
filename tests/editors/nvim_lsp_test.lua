-- Neovim's own LSP client (0.7 and later), configured as docs/editors.md says, driving `sop lsp`
-- on a copy of a shipped policy as an analyst's editor would: run by
-- tests/editors/nvim_lsp_test.py, which asserts on what this writes. Environment: SOP_POLICY (the
-- copy to open), SOP_OUT (where to write the JSON results). Every wait is bounded; any failure
-- is written as `error`.
local policy, out = os.getenv('SOP_POLICY'), os.getenv('SOP_OUT')
local results = {}
local publishes = {}

local function finish(err)
  if err then results.error = tostring(err) end
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd('qall!')
end

-- The 0-based line and byte column of the first line holding `needle`, and that line.
local function find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then return i - 1, col - 1, line end
  end
  error('no line holds ' .. needle)
end

-- LSP params at a byte column, converted to UTF-16 as the protocol counts.
local function params_at(bufnr, line, byte_col)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  local _, utf16 = vim.str_utfindex(text, byte_col)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) },
           position = { line = line, character = utf16 } }
end

local function request(client, bufnr, method, params)
  local response, err = client.request_sync(method, params, 10000, bufnr)
  if not response then error(method .. ' got no response: ' .. tostring(err)) end
  if response.err then error(method .. ' failed: ' .. vim.inspect(response.err)) end
  return response.result
end

-- The declaration a definition result points at: its URI, line and that line's text.
local function target(result)
  local loc = result[1] or result
  local path = vim.uri_to_fname(loc.uri)
  local lines = vim.fn.readfile(path)
  return { uri = loc.uri, line = loc.range.start.line, character = loc.range.start.character,
           text = lines[loc.range.start.line + 1] }
end

local function wait_for_publish(count, what)
  if not vim.wait(20000, function() return #publishes >= count end, 20) then
    error('timed out waiting for ' .. what)
  end
  return publishes[count]
end

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, { message = d.message, code = d.code or lsp.code, lnum = d.lnum, col = d.col,
                         severity = d.severity })
  end
  return list
end

-- The client the configuration of docs/editors.md started and attached to the buffer.
local function attached_client(bufnr)
  local found
  vim.wait(10000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'sop' then found = c end
    end
    return found ~= nil
  end, 20)
  if not found then error('no `sop` client attached to the buffer: is the configuration loaded?') end
  return found
end

local function run()
  local on_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    table.insert(publishes, result)
    return on_publish(err, result, ctx, config)
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(policy))
  local bufnr = vim.api.nvim_get_current_buf()
  results.filetype = vim.bo[bufnr].filetype
  local client = attached_client(bufnr)

  results.opened = #wait_for_publish(1, 'the diagnostics of the opened policy').diagnostics

  local line, col = find(bufnr, 'when questions_surgery')
  local fact = params_at(bufnr, line, col + #'when ')
  local hover = request(client, bufnr, 'textDocument/hover', fact)
  results.hover_fact = hover and hover.contents.value
  results.definition_fact = target(request(client, bufnr, 'textDocument/definition', fact))

  line, col = find(bufnr, 'adopt serious_condition')
  local adopted = params_at(bufnr, line, col + #'adopt ')
  results.definition_adopt = target(request(client, bufnr, 'textDocument/definition', adopted))
  hover = request(client, bufnr, 'textDocument/hover', adopted)
  results.hover_adopt = hover and hover.contents.value

  -- The code lens above the first test runs the file's tests through the server's command.
  local lenses = request(client, bufnr, 'textDocument/codeLens',
                         { textDocument = { uri = vim.uri_from_bufnr(bufnr) } })
  results.lens_title = lenses[1] and lenses[1].command.title
  local ran = request(client, bufnr, 'workspace/executeCommand', lenses[1].command)
  results.tests_passed, results.tests_failed = ran.passed, ran.failed

  -- An edit: the overridden rule on one line, its title with `§ → ☒`, the fact misspelt.
  local first = find(bufnr, 'override recommended_procedure')
  local joined = '  override recommended_procedure "questions § → ☒" cite "MPUP3078 §VI.A.1"'
    .. ' quote "The Member has questions concerning the reasonableness or necessity of a'
    .. ' recommended surgical procedure or treatment." when questions_sugery or questions_treatment'
  vim.api.nvim_buf_set_lines(bufnr, first, first + 4, false, { joined })
  wait_for_publish(#publishes + 1, 'the diagnostics after the edit')
  results.edited = diagnostics_of(bufnr)
  results.expected_lnum = first
  results.expected_col = joined:find('questions_sugery', 1, true) - 1

  -- A name after the non-ASCII characters of the edited line.
  line, col = find(bufnr, 'or questions_treatment')
  hover = request(client, bufnr, 'textDocument/hover', params_at(bufnr, line, col + #'or '))
  results.hover_after_non_ascii = hover and hover.contents.value

  request(client, bufnr, 'shutdown', nil)
end

local ok, err = pcall(run)
finish(not ok and err or nil)
