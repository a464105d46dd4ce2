import { FormEvent, useRef, useState } from 'react';
import { ApiError, unwrap } from '../../api/client';
import { applicationsControllerRemoveAttachment, applicationsControllerUpload } from '../../api/generated/sdk.gen';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApplicantMessages } from './messages';
import type { Application } from './queries';
import { xhrFetch } from './xhrFetch';

function size(bytes: number, lang: 'hu' | 'en'): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} kB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, lang)} MB`;
}

/** The application's attachments: the list with downloads, and an upload with its progress. */
export function Attachments({
  app,
  editable,
  onChanged,
}: {
  app: Application;
  editable: boolean;
  onChanged: (app: Application) => void;
}) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();

  async function upload(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setError(undefined);
    setProgress(0);
    try {
      const attachment = await unwrap(
        applicationsControllerUpload({ path: { id: app.id }, body: { file }, fetch: xhrFetch(setProgress) }),
      );
      onChanged({ ...app, attachments: [...app.attachments, attachment] });
      if (input.current) input.current.value = '';
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : m.attachmentFailed);
    } finally {
      setProgress(undefined);
    }
  }

  async function remove(attachmentId: string) {
    setError(undefined);
    try {
      await unwrap(applicationsControllerRemoveAttachment({ path: { id: app.id, attachmentId } }));
      onChanged({ ...app, attachments: app.attachments.filter((a) => a.id !== attachmentId) });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : m.attachmentFailed);
    }
  }

  return (
    <section aria-labelledby="attachments-title" className="card">
      <h2 id="attachments-title">{m.attachmentsTitle}</h2>
      {app.attachments.length === 0 ? <p>{m.noAttachments}</p> : null}
      <ul className="plain-list" data-testid="attachments">
        {app.attachments.map((attachment) => (
          <li key={attachment.id} className="attachment">
            <a href={attachment.downloadUrl} download>
              {attachment.displayName}
            </a>{' '}
            <span className="muted">
              ({attachment.kind.toUpperCase()}, {size(attachment.sizeBytes, lang)},{' '}
              {formatDateTime(attachment.uploadedAt, lang)})
            </span>
            {editable ? (
              <button
                type="button"
                className="small"
                aria-label={m.remove(attachment.displayName)}
                onClick={() => void remove(attachment.id)}
              >
                {m.removeShort}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      {editable ? (
        <form onSubmit={(event) => void upload(event)} className="upload">
          <div className="field">
            <label htmlFor="attachment-file">{m.attachmentFile}</label>
            <input
              ref={input}
              id="attachment-file"
              type="file"
              accept=".pdf,.docx,.odt,.xlsx,.jpg,.jpeg,.png"
              disabled={progress !== undefined}
            />
          </div>
          <button type="submit" disabled={progress !== undefined}>
            {progress !== undefined ? m.uploading : m.upload}
          </button>
          {progress !== undefined ? (
            <progress aria-label={m.uploadProgress} max={1} value={progress}>
              {Math.round(progress * 100)}%
            </progress>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
