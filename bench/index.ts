// npm run bench — every benchmark, each printing medians and ratios to a baseline measured in
// the same run. Uses a throwaway PGlite directory, or DATABASE_URL when set.
import "./temp-data-dir";
import { closeDatabase, ensureDatabaseReady } from "../lib/db/client";
import { benchAccessTokensList } from "./access-tokens-list";
import { benchApiKeysList } from "./api-keys-list";
import { benchVerify } from "./verify";

async function main() {
  await ensureDatabaseReady();
  await benchApiKeysList();
  await benchAccessTokensList();
  await benchVerify();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
