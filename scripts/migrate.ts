// npm run db:migrate — applies pending migrations to the configured database and exits.
import { describeTarget, resolveDatabaseTarget } from "../lib/db/config";
import { openConnection } from "../lib/db/connection";
import { migrate } from "../lib/db/migrations";

async function main() {
  const target = resolveDatabaseTarget();
  const connection = openConnection(target);
  try {
    const { applied, alreadyApplied } = await migrate(connection);
    console.log(`Database: ${describeTarget(target)}`);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
        : `Up to date (${alreadyApplied.length} migration(s) already applied).`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
