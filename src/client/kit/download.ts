/** Saves text as a file through a temporary link; works offline, nothing leaves the device. */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  saveBlob(filename, new Blob([text], { type }));
}

/** Saves a file made on the device (text, .xlsx, .docx) through a temporary link. */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke on the next turn: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "pulstavlan-osynkade-2026-11-22T0930.json": sortable and safe on every file system. */
export function exportFilename(now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(':', '');
  return `pulstavlan-osynkade-${stamp}.json`;
}
