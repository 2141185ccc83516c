import type { FormSpec } from '@shared/contract';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button } from 'antd';
import { ApiError, getForm } from '../api';
import { declaredFills, SchemaForm, useFillValues, useLocalDraft, useTouched, type FormData, type SchemaFormHandle } from '../forms';
import { useErrorMessage, useT } from '../i18n';
import { applicationsText } from '../i18n/applications';
import { ErrorState } from '../layout/ErrorState';
import { PageLoading } from '../layout/PageLoading';
import { PageTitle } from '../layout/PageTitle';
import { useFeedback } from '../layout/useFeedback';
import { useSession } from '../session/useSession';
import { applicantName, newIdempotencyKey, queueApplication } from '../offline';
import { offlineText } from '../i18n/offline';
import type { ApplicationDraft, PendingSubmission } from './applicationData';
import { DraftOffer } from './DraftOffer';
import { IncomeSummary } from './IncomeSummary';
import { DEFINITION_KEY, FIRST_STATE, useSubmitApplication } from './useSubmitApplication';
import './applications.css';

// Shown after submitting only: the receipt's table and print button need not load with the form.
const SubmittedResult = lazy(() => import('./SubmittedResult').then((m) => ({ default: m.SubmittedResult })));
const QueuedResult = lazy(() => import('./QueuedResult').then((m) => ({ default: m.QueuedResult })));

/** `/applications/new`: a village clerk files a household's application; nothing typed is ever lost. */
export default function NewApplicationPage() {
  const t = useT(applicationsText);
  const to = useT(offlineText);
  const describe = useErrorMessage();
  const { message } = useFeedback();
  const { user } = useSession();
  const draft = useLocalDraft<ApplicationDraft>(`jz.draft.application.${user?.username ?? ''}`);
  const [form, setForm] = useState<FormSpec | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [offering, setOffering] = useState(draft.found !== null);
  const [data, setData] = useState<FormData>({});
  const [pending, setPending] = useState<PendingSubmission | undefined>();
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<string | null | false>(false);
  const [queued, setQueued] = useState(false);
  const formRef = useRef<SchemaFormHandle>(null);
  const { touched, handlers, reset: resetTouched } = useTouched();
  const { busy, extraErrors, submit } = useSubmitApplication();
  const fills = useFillValues();
  // The clerk's name and the server's date go in once the form and a choice about any draft are there:
  // through the open form's own changes, field by field onto its latest data, since the answer may come
  // after the clerk started typing (replacing the form's data from here would drop a change it holds).
  const seeded = useRef(false);
  useEffect(() => {
    const live = formRef.current;
    if (seeded.current || !form || !fills || offering || !live) return;
    seeded.current = true;
    for (const { path, value } of declaredFills(form.schema, live.state.formData, fills)) live.setFieldValue(path, value as unknown as FormData);
    // After "another application" the new form is seeded again (submitted and queued bring it back).
  }, [form, fills, offering, submitted, queued]);

  useEffect(() => {
    const controller = new AbortController();
    getForm(`${DEFINITION_KEY}.${FIRST_STATE}`, controller.signal)
      .then(setForm)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setLoadError(cause);
      });
    return () => controller.abort();
  }, []);

  const keep = (next: ApplicationDraft) => {
    draft.save(next);
    setSavedAt(dayjs().format('HH:mm:ss'));
  };

  const change = (next: FormData) => {
    setData(next);
    if (touched.current) keep({ data: next, pending });
  };

  const restore = (use: boolean) => {
    setOffering(false);
    if (use && draft.found) {
      setData(draft.found.value.data);
      setPending(draft.found.value.pending);
    } else {
      draft.clear();
    }
  };

  /** Without a network the application waits in the device's queue, with the keys of this attempt. */
  const keepForLater = async (keys: { start: string; complete: string }, started: PendingSubmission | undefined) => {
    if (!user) return;
    const name = applicantName(data);
    await queueApplication({
      username: user.username,
      label: name ? to('applicationLabel', { name }) : to('applicationNoName'),
      data,
      definitionKey: DEFINITION_KEY,
      startKey: keys.start,
      completeKey: keys.complete,
      ...started,
    });
    draft.clear();
    message.info(to('queuedApplication'));
    setQueued(true);
  };

  const send = async () => {
    if (formRef.current && !formRef.current.validateForm()) {
      message.warning(t('fixErrors'));
      return;
    }
    const keys = { start: newIdempotencyKey(), complete: newIdempotencyKey() };
    let started = pending;
    if (!navigator.onLine) {
      await keepForLater(keys, started);
      return;
    }
    try {
      const instanceId = await submit({
        data,
        pending,
        keys,
        onStarted: (next) => {
          started = next;
          setPending(next);
          keep({ data, pending: next });
        },
      });
      draft.clear();
      setSubmitted(instanceId ?? null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) {
        await keepForLater(keys, started);
        return;
      }
      message.error(error instanceof ApiError && error.fields ? t('fixErrors') : describe(error));
    }
  };

  const startOver = () => {
    setData({});
    setPending(undefined);
    setSavedAt(null);
    setSubmitted(false);
    setQueued(false);
    seeded.current = false;
    resetTouched();
  };

  if (!user?.roles.includes('village_clerk')) return <Alert type="info" showIcon title={t('notClerk')} />;
  if (loadError) return <ErrorState error={loadError} />;
  if (submitted !== false || queued) {
    return (
      <Suspense fallback={<PageLoading />}>
        {submitted !== false ? <SubmittedResult instanceId={submitted} onAnother={startOver} /> : <QueuedResult onAnother={startOver} />}
      </Suspense>
    );
  }

  return (
    <section className="jz-application">
      <PageTitle extra={savedAt && <span className="jz-muted">{t('savedAt', { time: savedAt })}</span>}>{t('title')}</PageTitle>
      <p className="jz-muted">{t('intro')}</p>
      {offering && draft.found ? (
        <DraftOffer savedAt={draft.found.savedAt} onContinue={() => restore(true)} onDiscard={() => restore(false)} />
      ) : !form ? (
        <PageLoading />
      ) : (
        <div className="jz-application-columns">
          <div className="jz-application-form" {...handlers}>
            {pending && <Alert type="info" showIcon title={t('resumeNote')} className="jz-resume-note" />}
            <SchemaForm
              schema={form.schema}
              uiSchema={form.uiSchema}
              formData={data}
              onChange={change}
              extraErrors={extraErrors}
              formRef={formRef}
            />
          </div>
          <aside className="jz-application-side">
            <IncomeSummary data={data} />
            <Button type="primary" size="large" block loading={busy} onClick={() => void send()}>
              {busy ? t('submitting') : t('submit')}
            </Button>
          </aside>
        </div>
      )}
    </section>
  );
}
