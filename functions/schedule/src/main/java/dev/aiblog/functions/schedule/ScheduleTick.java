package dev.aiblog.functions.schedule;

/**
 * The input the EventBridge Scheduler schedule in template.yaml sends: its context attributes
 * ({@code <aws.scheduler.scheduled-time>} and the others), filled in per invocation. A retried or redelivered
 * invocation carries the same {@code scheduledTime}, which is what makes a tick idempotent.
 *
 * @see <a href="https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html">Scheduler context attributes</a>
 */
public record ScheduleTick(String scheduledTime, String scheduleArn, String executionId, String attemptNumber) {}
