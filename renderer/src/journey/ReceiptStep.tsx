// Step 5: submitted. The receipt number is always on screen; when the printer could not print,
// the citizen is told the receipt is kept for reprint.
import type { SubmitAnswer } from './journey-types';
import { useJourneyT } from './strings';
import { Fact } from '../components/Fact';
import { StepShell } from './StepShell';

export function ReceiptStep({ result }: { result: SubmitAnswer }) {
  const t = useJourneyT();
  const c = result.completion;
  return (
    <StepShell id="receipt" title={t.receiptTitle}>
      {result.receipt.printed ? (
        <p className="notice notice-ok" role="status" data-testid="receipt-printed" data-spoken>
          {t.receiptPrinted}
        </p>
      ) : (
        <p className="notice notice-warn" role="alert" data-testid="receipt-held">
          {t.receiptHeld(result.receipt.reason)}
        </p>
      )}
      <dl className="facts receipt-facts">
        <div>
          <dt>{t.receiptNo}</dt>
          <dd className="receipt-no" data-testid="receipt-no">
            {result.receiptNo}
          </dd>
        </div>
        <Fact term={t.service} zh>
          {result.serviceName}
        </Fact>
        <div>
          <dt>{t.applicant}</dt>
          <dd>
            {result.applicant.name} {result.applicant.number}
          </dd>
        </div>
        <Fact term={t.completion} testId="completion">
          {c.kind === 'on-the-spot' ? t.onTheSpot : c.kind === 'by-date' ? t.byDate(c.date, c.workingDays) : t.within(c.workingDays)}
        </Fact>
        {result.owed.length > 0 && (
          <div>
            <dt>{t.owed}</dt>
            <dd>
              <ul className="plain-list" data-testid="receipt-owed">
                {result.owed.map((o) => (
                  <li key={o.name} lang="zh-CN">
                    {t.owedUntil(o.name, o.deadline)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <Fact term={t.consultation}>{result.consultationPhone}</Fact>
      </dl>
      <p className="journey-lead">{t.followProgress}</p>
    </StepShell>
  );
}
