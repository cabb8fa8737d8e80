// A new step moves the focus to its heading, so a screen reader announces where the citizen now
// is (and the next swipe starts from the top of the step), instead of staying on a button that
// no longer exists. tabIndex -1 on the heading: focusable by script, not a stop in the tab order.
import { useEffect, useRef } from 'react';

export function useStepHeading(step: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [step]);
  return heading;
}
