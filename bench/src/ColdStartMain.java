import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of the cold-start bench: what the Lambda runtime does on a cold start, reduced to the handler's
 * part: load the handler class named in argument 0 from the class path (an unpacked zip), build it with its
 * no-argument constructor (configuration from the environment), and hand it the event in argument 1 as bytes.
 * With argument 2 {@code prime} it then runs the SnapStart hook and times {@code argument 3} more invocations
 * (the requests a restored instance serves), printing their milliseconds.
 */
public final class ColdStartMain {
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        Method handle = type.getMethod("handleRequest", java.io.InputStream.class, java.io.OutputStream.class,
                Class.forName("com.amazonaws.services.lambda.runtime.Context"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(handler, new ByteArrayInputStream(event), out, null);
        String answer = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (!answer.contains("\"statusCode\":200")) {
            System.err.println("not a 200: " + answer.substring(0, Math.min(300, answer.length())));
            System.exit(2);
        }
        if (args.length > 3 && args[2].equals("prime")) {
            Class<?> resource = Class.forName("org.crac.Resource");
            Class<?> context = Class.forName("org.crac.Context");
            resource.getMethod("beforeCheckpoint", context).invoke(handler, (Object) null);
            int n = Integer.parseInt(args[3]);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                handle.invoke(handler, new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
            }
            System.out.println("after-prime-ms " + (System.nanoTime() - start) / 1e6);
        }
    }
}
