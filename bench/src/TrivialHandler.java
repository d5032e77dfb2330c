import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The cold-start bench's baseline: a stream handler that reads the event and answers 200, and nothing else. */
public final class TrivialHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write("{\"statusCode\":200,\"body\":\"[]\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
