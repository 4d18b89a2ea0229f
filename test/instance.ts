// A second Keyward "instance" for cross-instance tests (lib/credentials/cross-instance.int.test.ts):
// the app's own credential code against DATABASE_URL, with its own invalidation listener,
// driven over a line protocol on stdin. Every answer is one stdout line starting with "= ".
//
//   lookup <key>   → "= VALID" or the refusal code (REVOKED, NOT_FOUND, …)
//   grants <key>   → "= <JSON of the grants of the key's roles>" or the refusal code
//   trust          → "= <trusted now> <times it became untrusted> <last change, epoch ms>"
//   listener-pid   → "= <backend pid of the LISTEN connection, or 0 while it is down>"
//
// Run: node --conditions=react-server --import tsx test/instance.ts
import readline from "node:readline";

// Record the cache's trust changes: the cache's own state object (on globalThis) gets a
// `trusted` property that counts them.
const trust = { value: true, untrustedCount: 0, changedAt: 0 };

async function recordTrustChanges(): Promise<void> {
  await import("@/lib/credentials/cache");
  const cacheState = (globalThis as { __keywardCredentialCache?: object }).__keywardCredentialCache;
  if (!cacheState) throw new Error("the credential cache keeps no state on globalThis");
  Object.defineProperty(cacheState, "trusted", {
    get: () => trust.value,
    set(value: boolean) {
      if (value !== trust.value) {
        trust.value = value;
        trust.changedAt = Date.now();
        if (!value) trust.untrustedCount += 1;
      }
    },
  });
}

async function main() {
  await recordTrustChanges();
  const { startInvalidationListener, stopInvalidationListener } = await import("@/lib/credentials/invalidation");
  const { lookupCredential } = await import("@/lib/credentials/resolve");
  const { closeDatabase } = await import("@/lib/db/client");
  const { resolveDatabaseTarget } = await import("@/lib/db/config");

  startInvalidationListener(resolveDatabaseTarget());

  function listenerPid(): number {
    const listener = (globalThis as { __keywardInvalidationListener?: { client?: { processID?: number } } }).__keywardInvalidationListener;
    return listener?.client?.processID ?? 0;
  }

  async function answer(line: string): Promise<string> {
    const [command, argument] = line.trim().split(/\s+/);
    switch (command) {
      case "lookup": {
        const result = await lookupCredential(argument ?? "");
        return result.ok ? "VALID" : result.code;
      }
      case "grants": {
        const result = await lookupCredential(argument ?? "");
        return result.ok ? JSON.stringify(result.credential.roles.map((role) => role.grants)) : result.code;
      }
      case "trust":
        return `${trust.value} ${trust.untrustedCount} ${trust.changedAt}`;
      case "listener-pid":
        return String(listenerPid());
      default:
        return `ERROR unknown command ${JSON.stringify(command)}`;
    }
  }

  const input = readline.createInterface({ input: process.stdin });
  // One command at a time, in order: the test waits for each answer anyway.
  let queue = Promise.resolve();
  input.on("line", (line) => {
    queue = queue.then(async () => {
      let reply: string;
      try {
        reply = await answer(line);
      } catch (error) {
        reply = `ERROR ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ")}`;
      }
      process.stdout.write(`= ${reply}\n`);
    });
  });
  input.on("close", () => {
    void queue
      .then(() => stopInvalidationListener())
      .then(() => closeDatabase())
      .finally(() => process.exit(0));
  });
  process.stdout.write("= READY\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
