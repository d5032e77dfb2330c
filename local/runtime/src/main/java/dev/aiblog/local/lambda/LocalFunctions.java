package dev.aiblog.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.TaskFailedException;
import dev.aiblog.asl.TaskHandler;
import dev.aiblog.core.Json;
import dev.aiblog.core.config.Settings;
import dev.aiblog.local.sam.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's functions, run in this JVM: each is built once, from the class its {@code Handler} names, with the
 * {@link Settings} its template environment resolves to, and invoked the way the Lambda Java runtime invokes it
 * (stream handlers get the raw bytes; typed handlers get events through the Lambda runtime's own serialisers).
 * A thrown exception becomes what Lambda reports: its class name as the error and a JSON error document as the
 * cause, so the ASL's Retry and Catch see locally exactly what they see deployed.
 */
public final class LocalFunctions implements TaskHandler {
    private final Map<String, SamTemplate.Function> functions = new LinkedHashMap<>();
    private final Map<String, Settings> settings = new LinkedHashMap<>();
    private final Map<String, String> logicalIdByArn = new LinkedHashMap<>();
    private final Map<String, Object> instances = new ConcurrentHashMap<>();

    public LocalFunctions(SamTemplate template, Map<String, Map<String, String>> environments) {
        for (SamTemplate.Function function : template.functions()) {
            functions.put(function.logicalId(), function);
            settings.put(function.logicalId(), Settings.of(environments.get(function.logicalId())));
            logicalIdByArn.put(template.arn(function.logicalId()), function.logicalId());
            // with AutoPublishAlias the state machine invokes …:function:Name:live; any other qualifier is unknown, as
            // in AWS
            template.alias(function.logicalId())
                    .ifPresent(
                            alias -> logicalIdByArn.put(template.aliasArn(function.logicalId()), function.logicalId()));
        }
    }

    public List<String> logicalIds() {
        return List.copyOf(functions.keySet());
    }

    public SamTemplate.Function function(String logicalId) {
        SamTemplate.Function function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException(
                    "no function " + logicalId + " in template.yaml; functions: " + functions.keySet());
        }
        return function;
    }

    public Settings settings(String logicalId) {
        function(logicalId);
        return settings.get(logicalId);
    }

    /** The handler instance, built on first use like a Lambda cold start, then reused. */
    public Object handler(String logicalId) {
        return instances.computeIfAbsent(logicalId, this::instantiate);
    }

    /**
     * What the state machine calls: {@code resource} is the function ARN the DefinitionSubstitutions produced,
     * unqualified or qualified by the function's alias.
     */
    @Override
    public JsonNode invoke(String resource, JsonNode input) throws TaskFailedException {
        String logicalId = logicalIdByArn.get(resource);
        if (logicalId == null) {
            throw new TaskFailedException("Lambda.ResourceNotFoundException", "Function not found: " + resource);
        }
        byte[] output = invokeRaw(logicalId, Json.writeBytes(input));
        try {
            return output.length == 0 ? Json.mapper().nullNode() : Json.mapper().readTree(output);
        } catch (IOException e) {
            throw new TaskFailedException("Lambda.Unknown", "the function returned something that is not JSON");
        }
    }

    /** Invokes a function with a raw event, as {@code sam local invoke} would; a handler error becomes a TaskFailedException. */
    public byte[] invokeRaw(String logicalId, byte[] event) throws TaskFailedException {
        SamTemplate.Function function = function(logicalId);
        Object handler;
        try {
            handler = handler(logicalId);
        } catch (RuntimeException e) {
            throw failure(e.getCause() != null ? e.getCause() : e);
        }
        LocalContext context = LocalContext.of(logicalId, function.timeout());
        try {
            if (handler instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            if (handler instanceof RequestHandler<?, ?> typed) {
                return invokeTyped(typed, event, context);
            }
            throw new TaskFailedException(
                    "Runtime.InvalidEntrypoint", function.handlerClass() + " is not a Lambda handler");
        } catch (TaskFailedException e) {
            throw e;
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] invokeTyped(RequestHandler handler, byte[] event, LocalContext context) {
        Class<?> inputType = handlerType(handler.getClass(), 0);
        Class<?> outputType = handlerType(handler.getClass(), 1);
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer in = LambdaEventSerializers.serializerFor(inputType, loader);
        Object input = in.fromJson(new ByteArrayInputStream(event));
        Object output = handler.handleRequest(input, context);
        if (output == null) {
            return "null".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Class<?> outType = outputType == Object.class ? output.getClass() : outputType;
        PojoSerializer out = LambdaEventSerializers.serializerFor((Class) outType, loader);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.toJson(output, bytes);
        return bytes.toByteArray();
    }

    private static Class<?> handlerType(Class<?> handlerClass, int index) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                Type arg = p.getActualTypeArguments()[index];
                if (arg instanceof Class<?> c) {
                    return c;
                }
                if (arg instanceof ParameterizedType pa) {
                    return (Class<?>) pa.getRawType();
                }
            }
        }
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                return index == 0 ? m.getParameterTypes()[0] : m.getReturnType();
            }
        }
        return Object.class;
    }

    private Object instantiate(String logicalId) {
        SamTemplate.Function function = function(logicalId);
        try {
            Class<?> type = Class.forName(function.handlerClass());
            return type.getConstructor(Settings.class).newInstance(settings.get(logicalId));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "template.yaml names handler " + function.handler() + " for " + logicalId
                            + ", but that class is not on the classpath",
                    e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(function.handlerClass() + " has no constructor taking Settings", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    logicalId + " failed to initialise: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + function.handlerClass(), e);
        }
    }

    /** What Lambda reports for an unhandled exception: its class name, and the JSON error document as the cause. */
    static TaskFailedException failure(Throwable error) {
        ObjectNode document = Json.mapper().createObjectNode();
        document.put(
                "errorMessage", error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        document.put("errorType", error.getClass().getName());
        ArrayNode trace = document.putArray("stackTrace");
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 10); i++) {
            trace.add(frames[i].toString());
        }
        return new TaskFailedException(error.getClass().getName(), Json.write(document), error);
    }
}
