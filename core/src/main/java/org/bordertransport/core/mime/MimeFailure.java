package org.bordertransport.core.mime;

/**
 * Makes the exception a converter throws for a message it refuses (a limit passed, a broken structure), so that the
 * engine fails with the converter's own type and message; {@code ConversionException::new} fits.
 *
 * @param <E> the converter's exception
 */
@FunctionalInterface
public interface MimeFailure<E extends Exception> {
    /** @param cause may be null */
    E create(String message, Throwable cause);
}
