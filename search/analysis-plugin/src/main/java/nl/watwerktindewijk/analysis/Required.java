package nl.watwerktindewijk.analysis;

/**
 * A setting that a component needs, checked in {@code create()} rather than in the constructor
 * (see {@link Deferred} for why): the problem then reaches the client as HTTP 400 with this
 * message, instead of breaking every index creation on the node.
 */
final class Required {

    private Required() {}

    static void check(boolean present, String message) {
        if (present == false) {
            throw new IllegalArgumentException(message);
        }
    }
}
