package nl.watwerktindewijk.analysis;

final class NGrams {

    private NGrams() {}

    static void check(String component, int minGram, int maxGram) {
        if (minGram < 1) {
            throw new IllegalArgumentException("[" + component + "] min_gram must be greater than zero, got [" + minGram + "]");
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException("[" + component + "] max_gram [" + maxGram + "] must not be smaller than min_gram [" + minGram + "]");
        }
    }
}
