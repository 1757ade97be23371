/** The SQLite store: opening, migrations, encrypted secrets. */
export * from './database.ts';
export * from './migrate.ts';
export * from './secret-box.ts';
export * from './write-behind-queue.ts';
export * from './group-commit.ts';
