-- Drives Neovim's built-in LSP client against speclint, as a user would: open a spec, edit it, pick
-- quick fixes from the code-action menu, stop the server. Runs after the README's Neovim snippet
-- (loaded as init.lua), which is what starts and attaches the server. Works on Neovim 0.7 and later.
-- Everything observed goes to the result file named in the plan; test/neovim.test.ts checks it.
local plan = vim.json.decode(table.concat(vim.fn.readfile(vim.env.SPECLINT_NVIM_PLAN), '\n'))
local result = {}

local function write_result()
  vim.fn.writefile({ vim.json.encode(result) }, plan.result)
end

local function wait(what, predicate)
  if not vim.wait(plan.timeout_ms, predicate, 10) then
    error('timed out waiting for ' .. what, 0)
  end
end

-- Every publishDiagnostics the client receives, passed on to Neovim's own handler.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  table.insert(published, params)
  return default_publish(err, params, ctx, config)
end

-- The server's exit status (the README snippet starts the client; this only adds an observer).
local exit_status
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config)
  local user_on_exit = config.on_exit
  config.on_exit = function(code, signal, client_id)
    exit_status = { code = code, signal = signal }
    if user_on_exit then
      user_on_exit(code, signal, client_id)
    end
  end
  return start_client(config)
end

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local function buffer_version(buf)
  return vim.lsp.util.buf_versions[buf]
end

--- The diagnostics the server published for the buffer's current version (waiting for them).
local function current_diagnostics(buf, uri)
  local found
  wait('diagnostics for version ' .. tostring(buffer_version(buf)), function()
    for i = #published, 1, -1 do
      local p = published[i]
      if p.uri == uri and p.version == buffer_version(buf) then
        found = p.diagnostics
        return true
      end
    end
    return false
  end)
  return found
end

local function snapshot(buf, uri)
  local diagnostics = current_diagnostics(buf, uri)
  return { text = buffer_text(buf), version = buffer_version(buf), diagnostics = diagnostics, shown = #vim.diagnostic.get(buf) }
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  local client
  wait('the speclint client to attach', function()
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
      if c.name == 'speclint' then
        client = c
      end
    end
    return client ~= nil and client.initialized == true
  end)
  result.filetype = vim.bo[buf].filetype
  result.opened = snapshot(buf, uri)

  -- An edit as typing makes it (Neovim sends it as an incremental change).
  vim.api.nvim_buf_set_lines(buf, plan.edit.first, plan.edit.last, false, plan.edit.lines)
  result.edited = snapshot(buf, uri)

  -- A fix picked while the buffer changes under the menu (a keystroke) is refused: it was computed
  -- for the older version. Asked again before the new lint, the stale diagnostic offers no fix.
  local notified = {}
  vim.notify = function(message)
    table.insert(notified, message)
  end
  local offered
  vim.ui.select = function(items, _, on_choice)
    offered = #items
    vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '' })
    on_choice(items[1])
  end
  for _, d in ipairs(current_diagnostics(buf, uri)) do
    if d.data and d.data.fix then
      vim.api.nvim_win_set_cursor(0, { d.range.start.line + 1, 0 })
      break
    end
  end
  vim.lsp.buf.code_action()
  wait('the code-action menu', function()
    return offered ~= nil
  end)
  result.stale = { offered = offered, text = buffer_text(buf) }
  vim.api.nvim_buf_set_lines(buf, -2, -1, false, {})
  offered = nil
  vim.lsp.buf.code_action()
  wait('the answer to a code action for stale diagnostics', function()
    return offered ~= nil or #notified > 0
  end)
  result.stale.offered_after_edit = offered or 0
  result.stale.notified = notified

  -- Quick fixes, one after another, each picked from the code-action menu on its line.
  result.menus = {}
  vim.ui.select = function(items, opts, on_choice)
    local titles = {}
    for _, item in ipairs(items) do
      table.insert(titles, opts.format_item and opts.format_item(item) or tostring(item))
    end
    table.insert(result.menus, titles)
    on_choice(items[1])
  end
  for _ = 1, plan.max_fixes do
    local fixable
    for _, d in ipairs(current_diagnostics(buf, uri)) do
      if d.data and d.data.fix then
        fixable = d
        break
      end
    end
    if not fixable then
      break
    end
    local before = buffer_version(buf)
    vim.api.nvim_win_set_cursor(0, { fixable.range.start.line + 1, 0 })
    vim.lsp.buf.code_action()
    wait('the quick fix for ' .. fixable.code .. ' to change the buffer', function()
      return buffer_version(buf) ~= before
    end)
  end
  result.fixed = snapshot(buf, uri)

  -- The config changes on disk (Neovim 0.7 has no file watching): the next edit is linted with it.
  vim.fn.writefile(plan.new_config, plan.config_file)
  vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '' })
  vim.api.nvim_buf_set_lines(buf, -2, -1, false, {})
  result.reconfigured = snapshot(buf, uri)

  -- Shutdown: what the server and its children were, then Neovim's stop (shutdown request, exit).
  local pid = client.rpc.pid
  result.server = { pid = pid, children = vim.api.nvim_get_proc_children(pid) }
  vim.lsp.stop_client(client.id)
  wait('the server to exit', function()
    return exit_status ~= nil
  end)
  result.exit = exit_status
end

local ok, problem = xpcall(main, debug.traceback)
if not ok then
  result.error = problem
end
write_result()
vim.cmd(ok and 'qall!' or 'cquit! 1')
