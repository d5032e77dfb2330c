import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold-start bench's floor: the trivial handler plus what every function of the project must carry, its logs
 * (Powertools for AWS Lambda's JSON layout on Log4j, with the functions' own {@code log4j2.xml}), run from the API's
 * unpacked zip. It writes one log line, as the API does per request, and answers 200. No handler that logs as the
 * project's functions must can start faster than this one.
 */
public final class LoggingFloorHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingFloorHandler.class);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int bytes = input.readAllBytes().length;
        LOG.info("floor: read an event of {} bytes", bytes);
        output.write("{\"statusCode\":200,\"body\":\"[]\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
