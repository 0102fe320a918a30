import type { Params } from '../../../../shared/api';
import type { CustomerRating, QueuePlan, QuotaPer } from '../../../../shared/api/methods/queue';

/** A plan as the form holds it: ids as the selects' strings, durations in minutes as typed. */
export interface PlanForm {
  name: string;
  count: number;
  per: QuotaPer;
  reviewerIds: string[];
  teamIds: string[];
  channels: ('call' | 'chat')[];
  queues: string[];
  minMinutes: number | '';
  maxMinutes: number | '';
  directions: ('inbound' | 'outbound')[];
  notYetReviewed: boolean;
  customerRatings: CustomerRating[];
}

export const blankPlan: PlanForm = {
  name: '',
  count: 3,
  per: 'agent',
  reviewerIds: [],
  teamIds: [],
  channels: [],
  queues: [],
  minMinutes: '',
  maxMinutes: '',
  directions: [],
  notYetReviewed: true,
  customerRatings: [],
};

export function formOf(plan: QueuePlan): PlanForm {
  const minutes = (seconds: number | null) => (seconds === null ? '' : seconds / 60);
  return {
    name: plan.name,
    count: plan.count,
    per: plan.per,
    reviewerIds: plan.reviewers.map((reviewer) => String(reviewer.id)),
    teamIds: plan.filters.teamIds.map(String),
    channels: plan.filters.channels,
    queues: plan.filters.queues,
    minMinutes: minutes(plan.filters.minDurationSeconds),
    maxMinutes: minutes(plan.filters.maxDurationSeconds),
    directions: plan.filters.directions,
    notYetReviewed: plan.filters.notYetReviewed,
    customerRatings: plan.filters.customerRatings,
  };
}

/** The save's payload; the backend checks it and names anything wrong. */
export function payloadOf(form: PlanForm, id: number | null): Params<'queue.savePlan'> {
  const seconds = (minutes: number | '') => (minutes === '' ? null : Math.round(minutes * 60));
  return {
    ...(id === null ? {} : { id }),
    name: form.name,
    per: form.per,
    count: form.count,
    reviewerIds: form.reviewerIds.map(Number),
    filters: {
      teamIds: form.teamIds.map(Number),
      channels: form.channels,
      queues: form.queues,
      minDurationSeconds: seconds(form.minMinutes),
      maxDurationSeconds: seconds(form.maxMinutes),
      directions: form.directions,
      notYetReviewed: form.notYetReviewed,
      customerRatings: form.customerRatings,
    },
  };
}
