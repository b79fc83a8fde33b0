/**
 * Reads a plain-text source and its edition metadata from disk: `<stem>.meta.json` beside the file
 * unless another metadata file is named. Shared by the seed loader and the import CLI.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { documentMetadataSchema, type DocumentMetadata } from '../shared/document.ts';

export interface SourceFile {
  source: string;
  metadata: DocumentMetadata | undefined;
  fileName: string;
}

export async function readSourceFile(filePath: string, metaPath?: string): Promise<SourceFile> {
  const source = await readText(filePath);
  const metaFile = metaPath ?? siblingMetaPath(filePath);
  const metaText = metaPath ? await readText(metaPath) : await readOptionalText(metaFile);
  return {
    source,
    metadata: metaText === null ? undefined : parseMetadata(metaText, metaFile),
    fileName: path.basename(filePath),
  };
}

export function siblingMetaPath(filePath: string): string {
  const { dir, name } = path.parse(filePath);
  return path.join(dir, `${name}.meta.json`);
}

function parseMetadata(text: string, file: string): DocumentMetadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = documentMetadataSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'metadata';
  throw new Error(`${file}: ${where}: ${issue?.message ?? 'invalid metadata'}`);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file} (${fsReason(error)})`, { cause: error });
  }
}

async function readOptionalText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (fsReason(error) === 'no such file') return null;
    throw new Error(`cannot read ${file} (${fsReason(error)})`, { cause: error });
  }
}

function fsReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}
