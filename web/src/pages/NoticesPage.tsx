import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { Pager } from '../components/Bits';
import { ErrorList, Loading, NotAvailable, QueryError } from '../components/States';
import { toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { upsertById, useOnReconnected } from '../lib/live';
import { useNotices } from '../lib/notices';
import { usePaging } from '../lib/paging';
import { MARK_NOTICES_READ, NOTICES } from '../lib/queries';
import { nodes, type Notice } from '../lib/types';

const PAGE_SIZE = 20;

export function NoticesPage() {
  const { t } = useI18n();
  const { available } = useNotices();
  return (
    <div className="page" data-testid="notices-page">
      <h1>{t('notices.title')}</h1>
      {available ? <NoticeList /> : <NotAvailable feature="notices" />}
    </div>
  );
}

function subjectLink(notice: Notice): string {
  return notice.subjectType === 'TARGET_REQUEST' ? `/targets/${notice.subjectId}` : `/models/${notice.subjectId}`;
}

function NoticeList() {
  const { t, formatDateTime } = useI18n();
  const { refreshUnread, onNotice } = useNotices();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const paging = usePaging();
  const [result, reexecute] = useQuery({
    query: NOTICES,
    variables: { unreadOnly, first: PAGE_SIZE, after: paging.after },
    requestPolicy: 'network-only',
  });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  useOnReconnected(refetch);

  // Notices that arrive while the first page is open are put on top at once.
  const [received, setReceived] = useState<Notice[]>([]);
  useEffect(() => onNotice((notice) => setReceived((list) => upsertById(list, notice, PAGE_SIZE))), [onNotice]);
  const [readNow, setReadNow] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<AppError[]>([]);
  const [{ fetching: marking }, markRead] = useMutation(MARK_NOTICES_READ);

  const fetched = nodes(result.data?.notices);
  const fetchedIds = new Set(fetched.map((n) => n.id));
  const list = [...(paging.page === 1 ? received.filter((n) => !fetchedIds.has(n.id)) : []), ...fetched].map((n) =>
    readNow[n.id] && !n.readAt ? { ...n, readAt: readNow[n.id] } : n,
  );

  async function mark(ids: string[] | null) {
    const outcome = await markRead({ ids });
    if (outcome.error) {
      setErrors(toAppErrors(outcome.error));
      return;
    }
    setErrors([]);
    const now = new Date().toISOString();
    const marked = ids ?? list.map((n) => n.id);
    setReadNow((r) => ({ ...r, ...Object.fromEntries(marked.map((id) => [id, now])) }));
    refreshUnread();
  }

  return (
    <>
      <div className="toolbar">
        <label className="check">
          <input
            type="checkbox"
            checked={unreadOnly}
            data-testid="notices-unread-only"
            onChange={(e) => {
              paging.reset();
              setUnreadOnly(e.target.checked);
            }}
          />
          {t('notices.unreadOnly')}
        </label>
        <button type="button" className="btn btn-small" disabled={marking} onClick={() => void mark(null)} data-testid="notices-mark-all">
          {t('notices.markAll')}
        </button>
      </div>
      <ErrorList errors={errors} />
      {result.error && !result.data ? (
        <QueryError error={result.error} feature="notices" onRetry={refetch} />
      ) : !result.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="empty">{t('notices.empty')}</p>
      ) : (
        <>
          <ul className="notice-list" data-testid="notice-list">
            {list.map((notice) => (
              <li
                key={notice.id}
                className={notice.readAt ? 'notice card' : 'notice card unread'}
                data-testid={`notice-${notice.id}`}
                data-read={!!notice.readAt}
              >
                <div className="notice-head">
                  {!notice.readAt && <span className="badge badge-unread">{t('notices.unread')}</span>}
                  <span className="kind">{t(`kind.${notice.subjectType}`)}</span>
                  <strong>{notice.title}</strong>
                </div>
                <p>{notice.body}</p>
                <div className="notice-foot muted small">
                  <time dateTime={notice.createdAt}>{formatDateTime(notice.createdAt)}</time>
                  {notice.messenger && <span> · {t('notices.messenger', { state: notice.messenger.state })}</span>}
                  <Link to={subjectLink(notice)}>{t('notices.open')}</Link>
                  {!notice.readAt && (
                    <button type="button" className="btn btn-small btn-ghost" disabled={marking} onClick={() => void mark([notice.id])}>
                      {t('notices.markRead')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <Pager
            page={paging.page}
            total={result.data.notices.totalCount}
            hasNext={result.data.notices.pageInfo.hasNextPage}
            onNext={() => paging.next(result.data!.notices.pageInfo.endCursor)}
            onPrevious={paging.previous}
          />
        </>
      )}
    </>
  );
}
