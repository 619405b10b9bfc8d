/** Which command owns a folder of developer files: its marker file and its name in messages. */
export interface FolderOwner {
  marker: string;
  command: string;
}

/** Marks a folder as written by `npm run plan`, so a later run may replace it (and nothing else). */
export const PLAN_FOLDER_MARKER = ".codex-boundary-plan";

export const PLAN_FOLDER: FolderOwner = { marker: PLAN_FOLDER_MARKER, command: "npm run plan" };
