import { Banner } from '../../ui/banner';
import { usePolicy } from './use-policy';

/** When the admin's policy cannot be used, why (everything it could lock stays locked meanwhile). */
export function PolicyBanner() {
  const policy = usePolicy();
  if (!policy?.problem) return null;
  return <Banner tone="warning" title="Your admin's policy cannot be used" testId="policy-problem">{policy.problem}</Banner>;
}
