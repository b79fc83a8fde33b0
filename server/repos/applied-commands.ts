/** Commands already applied, by client-made id: what makes a retried command apply once. */
import type { CommandResult } from '../../shared/annotations.ts';
import type { Queryable } from '../db/database.ts';

/** The stored answer of a command this actor already sent; another actor's id is never answered. */
export async function findAppliedCommand(db: Queryable, commandId: string, actorId: string): Promise<CommandResult | null | 'foreign'> {
  const { rows } = await db.query<{ actor_id: string; result: CommandResult }>('SELECT actor_id, result FROM applied_commands WHERE command_id = $1', [
    commandId,
  ]);
  const row = rows[0];
  if (!row) return null;
  return row.actor_id === actorId ? row.result : 'foreign';
}

export async function insertAppliedCommand(db: Queryable, commandId: string, actorId: string, result: CommandResult): Promise<void> {
  await db.query('INSERT INTO applied_commands (command_id, actor_id, result) VALUES ($1, $2, $3)', [commandId, actorId, JSON.stringify(result)]);
}
