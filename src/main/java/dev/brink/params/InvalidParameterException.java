package dev.brink.params;

/**
 * A request parameter that is missing, malformed or out of range. The message says what is
 * allowed; the command line prints it after the option's name and the server returns it as JSON
 * with the field's name, so both tell the user exactly which value to fix.
 */
public final class InvalidParameterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the parameter's name as the user spells it, without dashes ("eps", "levels")
   * @param message what is wrong and what is allowed, e.g. "must be a finite number > 0, got NaN"
   */
  public InvalidParameterException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
