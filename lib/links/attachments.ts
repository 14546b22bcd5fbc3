/**
 * Where a case file is downloaded. Staff go through the case (scope checked on every request); a
 * petitioner through their portal session, which only ever opens the public files of their case.
 */
export const staffAttachmentUrl = (caseId: number, attachmentId: number) =>
  `/api/casos/${caseId}/adjuntos/${attachmentId}`;

export const portalAttachmentUrl = (attachmentId: number) => `/api/portal/adjuntos/${attachmentId}`;
