package dev.aiblog.core.intake;

import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.steps.ExecutionInput;
import dev.aiblog.core.ports.IdempotencyKeys;
import dev.aiblog.core.ports.RequestQueue;
import dev.aiblog.core.ports.Requests;
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

    public RequestIntake(Requests requests, IdempotencyKeys idempotency, RequestQueue queue, Duration keyTtl, Clock clock) {
        this(requests, idempotency, queue, keyTtl, clock, () -> UUID.randomUUID().toString());
    }

    public RequestIntake(Requests requests, IdempotencyKeys idempotency, RequestQueue queue, Duration keyTtl, Clock clock,
                         Supplier<String> ids) {
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
     */
    public Accepted submit(String owner, Submission submission, Optional<String> idempotencyKey) {
        Instant now = Instant.now(clock);
        String requestId = ids.get();
        boolean replayed = false;
        Optional<String> claimId = idempotencyKey.map(key -> "blogs#" + owner + "#" + key);
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
                LOG.info("finishing request {}: an earlier call with its idempotency key did not reach the queue", earlier.requestId());
                requestId = earlier.requestId();
                replayed = true;
            }
        }
        BlogRequest request = BlogRequest.queued(requestId, owner, submission.topic(), submission.options(), now);
        if (!requests.create(request)) {
            request = requests.get(requestId);
        }
        queue.send(ExecutionInput.of(request));
        claimId.ifPresent(idempotency::markEnqueued);
        return new Accepted(requestId, replayed);
    }
}
