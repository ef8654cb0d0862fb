// Starts the sop language server (`sop lsp`, over standard input and output) for .sop files.
// The executable is the setting `sop.path` (default: `sop` on PATH); a change of the setting
// restarts the server.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const command = vscode.workspace.getConfiguration("sop").get("path") || "sop";
  return { command, args: ["lsp"], transport: TransportKind.stdio };
}

async function start(context) {
  client = new LanguageClient("sop", "sop language server", serverOptions(), {
    documentSelector: [{ scheme: "file", language: "sop" }],
  });
  try {
    await client.start();
  } catch (e) {
    // Highlighting and snippets work without the server: say why it is missing, once.
    vscode.window.showWarningMessage(
      `sop: could not start \`${serverOptions().command} lsp\` (${e.message}); ` +
        "set `sop.path` to the sop executable."
    );
  }
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("sop.path")) return;
      if (client) await client.stop();
      await start(context);
    })
  );
  await start(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
