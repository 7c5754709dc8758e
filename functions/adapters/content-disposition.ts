/** RFC 6266 `attachment`: an ASCII fallback name, and the real (Cyrillic/Kazakh) one percent-encoded. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
