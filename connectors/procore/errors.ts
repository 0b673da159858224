/** Procore failures that stop a whole side, each with a code and a message that says what to do. */
import { SourceError } from '../contract.ts';

export function unauthorized(detail: string): SourceError {
  return new SourceError(
    'procore_unauthorized',
    `Procore refused the credentials (${detail}); check the client id and secret (and, for a user-authorised app, re-authorise it to get a new refresh token)`,
  );
}

export function forbidden(call: string, tool: string, projectId?: string): SourceError {
  const where = projectId
    ? `project ${projectId} is not among the service account's permitted projects, or its permission template lacks read access to the ${tool} tool`
    : `the service account's permission template lacks read access to the ${tool} tool`;
  return new SourceError(
    'procore_forbidden',
    `Procore answered 403 to ${call}: ${where}. Grant it in Procore (Company Admin → App Management → the app's permissions) and run again`,
  );
}

export function notFound(call: string, projectId?: string): SourceError {
  return new SourceError(
    'procore_not_found',
    projectId
      ? `Procore answered 404 to ${call}: project ${projectId} does not exist in this company or the service account cannot see it; check the configured projects and the app's project permissions`
      : `Procore answered 404 to ${call}; check the company id and the API base URL`,
  );
}

export function gaveUp(call: string, reason: string): SourceError {
  return new SourceError(
    'procore_unavailable',
    `Procore could not be read (${call}): ${reason}. Nothing was published; the previous snapshot stays current`,
  );
}
