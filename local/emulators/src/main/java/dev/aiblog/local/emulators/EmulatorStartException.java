package dev.aiblog.local.emulators;

/** An emulator could not be started (port taken, data folder locked or unreadable, ...). */
public class EmulatorStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmulatorStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
