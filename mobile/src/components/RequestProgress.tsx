import { StyleSheet, Text, View } from 'react-native';

import type { BlogRequest, Step } from '@/api/types';
import { STEP_LABELS, stepsOf } from '@/lib/request-status';
import { radius, spacing, useTheme } from '@/theme';

import { Icon, type IconName } from './Icon';

export { STEP_LABELS };

export type StepState = 'done' | 'active' | 'failed' | 'pending';

/** Where each of the request's steps ({@link stepsOf}) stands, given its status and current step. */
export function stepStates(req: Pick<BlogRequest, 'status' | 'step'>): Partial<Record<Step, StepState>> {
  const steps = stepsOf(req);
  const step = req.status === 'AWAITING_REVIEW' ? 'REVIEW' : req.step;
  const current = step ? steps.indexOf(step) : -1;
  const out: Partial<Record<Step, StepState>> = {};
  steps.forEach((step, i) => {
    switch (req.status) {
      case 'QUEUED':
        out[step] = 'pending';
        break;
      case 'PUBLISHED':
        out[step] = 'done';
        break;
      case 'RUNNING':
      case 'AWAITING_REVIEW':
        out[step] = i < current ? 'done' : i === current ? 'active' : 'pending';
        break;
      case 'REJECTED':
      case 'FAILED':
        out[step] = i < current ? 'done' : i === current ? 'failed' : 'pending';
        break;
    }
  });
  return out;
}

const MARKS: Record<StepState, IconName> = {
  done: 'checkmark',
  active: 'ellipsis-horizontal',
  failed: 'close',
  pending: 'ellipse-outline',
};
const SPOKEN: Record<StepState, string> = {
  done: 'done',
  active: 'in progress',
  failed: 'stopped here',
  pending: 'not started',
};

export function RequestProgress({ request }: { request: BlogRequest }) {
  const { colors } = useTheme();
  const states = stepStates(request);
  const steps = stepsOf(request);
  const tint: Record<StepState, string> = {
    done: colors.success,
    active: colors.primary,
    failed: colors.danger,
    pending: colors.textMuted,
  };
  return (
    <View style={[styles.list, { borderColor: colors.border, backgroundColor: colors.surface }]}>
      {steps.map((step, i) => {
        const state = states[step] ?? 'pending';
        return (
          <View
            key={step}
            testID={`step-${step}`}
            accessible
            accessibilityLabel={`Step ${i + 1} of ${steps.length}, ${STEP_LABELS[step]}: ${SPOKEN[state]}`}
            style={styles.row}>
            <View style={[styles.mark, { borderColor: tint[state] }]}>
              <Icon name={MARKS[state]} size={state === 'pending' ? 10 : 16} color={tint[state]} />
            </View>
            <Text
              testID={`step-${step}-state`}
              style={[
                styles.label,
                { color: state === 'pending' ? colors.textMuted : colors.text },
                state === 'active' && styles.active,
              ]}>
              {STEP_LABELS[step]}
            </Text>
          </View>
        );
      })}
    </View>
  );
}

const styles = StyleSheet.create({
  list: {
    borderWidth: StyleSheet.hairlineWidth,
    borderRadius: radius.lg,
    padding: spacing.lg,
    gap: spacing.md,
  },
  row: { flexDirection: 'row', alignItems: 'center', gap: spacing.md },
  mark: {
    width: 28,
    height: 28,
    borderRadius: 14,
    borderWidth: 2,
    alignItems: 'center',
    justifyContent: 'center',
  },
  label: { fontSize: 16 },
  active: { fontWeight: '700' },
});
