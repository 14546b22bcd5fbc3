/**
 * Where a case file is downloaded. Staff go through the case (scope checked on every request); a
 * petitioner under their case's portal path, where their session cookie travels, and only ever
 * to the public files of that case.
 */
export const staffAttachmentUrl = (caseId: number, attachmentId: number) =>
  `/api/casos/${caseId}/adjuntos/${attachmentId}`;

export const portalAttachmentUrl = (radicado: string, attachmentId: number) =>
  `/consulta/${encodeURIComponent(radicado)}/adjuntos/${attachmentId}`;
