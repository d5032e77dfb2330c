package dev.aiblog.core.intake;

import dev.aiblog.core.limits.Budget;
import dev.aiblog.core.limits.Quota;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.ports.IdempotencyKeys;
import dev.aiblog.core.ports.RequestQueue;
import dev.aiblog.core.ports.Requests;
import dev.aiblog.core.steps.ExecutionInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a request comes in, for {@code POST /blogs} and the schedule alike: record it QUEUED, send it to
 * the queue, answer with its id.
 *
 * <p>With an idempotency key, the first call claims the key for a new request id; a later call with the same key
 * and the same submission gets that id back, and one with a different submission is a conflict. A claim whose
 * request never reached the queue (the earlier call died half-way) is finished by the replay: the request is
 * created if missing and sent. Sending twice is harmless, since the dispatcher names executions by request id.
 */
public final class RequestIntake {
    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    private final Requests requests;
    private final IdempotencyKeys idempotency;
    private final RequestQueue queue;
    private final Duration keyTtl;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Budget budget;
    private final Quota quota;

    public RequestIntake(
            Requests requests, IdempotencyKeys idempotency, RequestQueue queue, Duration keyTtl, Clock clock) {
        this(
                requests,
                idempotency,
                queue,
                keyTtl,
                clock,
                () -> UUID.randomUUID().toString());
    }

    public RequestIntake(
            Requests requests,
            IdempotencyKeys idempotency,
            RequestQueue queue,
            Duration keyTtl,
            Clock clock,
            Supplier<String> ids) {
        this(requests, idempotency, queue, keyTtl, clock, ids, Budget.unlimited(), Quota.unlimited());
    }

    /**
     * @param budget checked before anything is queued: an exhausted budget queues nothing
     * @param quota  counted for each new request a user makes (not for the schedule, not for a replay)
     */
    public RequestIntake(
            Requests requests,
            IdempotencyKeys idempotency,
            RequestQueue queue,
            Duration keyTtl,
            Clock clock,
            Supplier<String> ids,
            Budget budget,
            Quota quota) {
        this.budget = budget;
        this.quota = quota;
        this.requests = requests;
        this.idempotency = idempotency;
        this.queue = queue;
        this.keyTtl = keyTtl;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Takes a request in.
     *
     * @param owner          who asked: the caller's {@code sub}, or the schedule's owner
     * @param idempotencyKey scoped to the owner: two owners may use the same key
     * @throws IdempotencyConflictException when the key was used before for a different submission
     * @throws Budget.ExhaustedException     when this month's budget is spent (nothing is queued)
     * @throws Quota.ExceededException       when the owner has used today's quota (nothing is queued)
     */
    public Accepted submit(String owner, Submission submission, Optional<String> idempotencyKey) {
        return submit(owner, submission, idempotencyKey, true);
    }

    /** A request the schedule makes: as {@link #submit}, under the budget but not a user's quota. */
    public Accepted submitScheduled(String owner, Submission submission, Optional<String> idempotencyKey) {
        return submit(owner, submission, idempotencyKey, false);
    }

    /**
     * Runs a FAILED request again, as a new execution named after the request and the attempt. Only its owner may;
     * under the budget (not the quota: it is the same post).
     *
     * @return the request id and the attempt's number
     * @throws dev.aiblog.core.errors.NotFoundException when there is no such request of this owner
     * @throws IllegalStateException                   when the request is not FAILED
     * @throws Budget.ExhaustedException               when this month's budget is spent
     */
    public int retry(String owner, String requestId) {
        BlogRequest request = requests.find(requestId)
                .filter(r -> java.util.Objects.equals(r.owner(), owner))
                .orElseThrow(() -> new dev.aiblog.core.errors.NotFoundException("no request with this id"));
        if (request.status() != dev.aiblog.core.model.Status.FAILED) {
            throw new IllegalStateException("only a FAILED request can be retried; this one is " + request.status());
        }
        budget.exhausted().ifPresent(exhausted -> {
            throw new Budget.ExhaustedException(exhausted);
        });
        int attempt = requests.reopen(requestId)
                .orElseThrow(() ->
                        new IllegalStateException("only a FAILED request can be retried; this one has just changed"));
        queue.send(ExecutionInput.of(request).withAttempt(attempt));
        LOG.info("request {}: retried as attempt {}", requestId, attempt);
        return attempt;
    }

    private Accepted submit(String owner, Submission submission, Optional<String> idempotencyKey, boolean metered) {
        Instant now = Instant.now(clock);
        String requestId = ids.get();
        boolean replayed = false;
        Optional<String> claimId = idempotencyKey.map(key -> "blogs#" + owner + "#" + key);
        Optional<IdempotencyKeys.Record> live =
                claimId.flatMap(idempotency::find).filter(r -> r.expiresAt().isAfter(now));
        if (live.isPresent() && !live.get().fingerprint().equals(submission.fingerprint())) {
            throw new IdempotencyConflictException(
                    "this Idempotency-Key was already used with a different request body");
        }
        Optional<IdempotencyKeys.Record> accepted = live.filter(IdempotencyKeys.Record::enqueued);
        if (accepted.isPresent()) {
            // an idempotent retry of an accepted request: answered as before, and not counted again
            return new Accepted(accepted.get().requestId(), true);
        }
        // A new request (or one an earlier call did not finish queueing) is checked and counted before it is claimed.
        budget.exhausted().ifPresent(exhausted -> {
            throw new Budget.ExhaustedException(exhausted);
        });
        if (metered) {
            quota.take(owner);
        }
        if (claimId.isPresent()) {
            Optional<IdempotencyKeys.Record> existing =
                    idempotency.claim(claimId.get(), requestId, submission.fingerprint(), now, now.plus(keyTtl));
            if (existing.isPresent()) {
                IdempotencyKeys.Record earlier = existing.get();
                if (!earlier.fingerprint().equals(submission.fingerprint())) {
                    throw new IdempotencyConflictException(
                            "this Idempotency-Key was already used with a different request body");
                }
                if (earlier.enqueued()) {
                    return new Accepted(earlier.requestId(), true);
                }
                LOG.info(
                        "finishing request {}: an earlier call with its idempotency key did not reach the queue",
                        earlier.requestId());
                requestId = earlier.requestId();
                replayed = true;
            }
        }
        dev.aiblog.core.lambda.LambdaLogs.correlate(requestId);
        BlogRequest request = BlogRequest.queued(requestId, owner, submission.topic(), submission.options(), now);
        if (!requests.create(request)) {
            request = requests.get(requestId);
        }
        queue.send(ExecutionInput.of(request));
        claimId.ifPresent(idempotency::markEnqueued);
        return new Accepted(requestId, replayed);
    }
}
