package dev.aiblog.asl;

/**
 * A state machine definition that this runner refuses to load: malformed ASL, a field or state type it does not
 * support, an unknown intrinsic function or an unresolved substitution. The message names the state and the field,
 * type or intrinsic at fault, for example {@code state 'Foo': unsupported field 'ItemSelector'}.
 */
public class AslValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the state and the field at fault. */
    public AslValidationException(String message) {
        super(message);
    }
}
