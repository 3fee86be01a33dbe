/**
 * wwdw-analysis: analysis components for Elasticsearch's stable plugin API.
 *
 * <p>Every component carries the name and the settings (paths, defaults, meaning) of its
 * counterpart in Elasticsearch's {@code analysis-common} module, so that one set of index
 * settings works on a full distribution (which needs no plugin) and on the bare integ-test
 * distribution used locally and in CI (which needs this plugin). Each component wraps the Lucene
 * class that Elasticsearch itself uses.
 *
 * <p>Stable-API rules that shape this code:
 * <ul>
 *   <li>a component class is public and has exactly one public constructor, either without
 *       arguments or annotated {@code @Inject} taking an {@code @AnalysisSettings} interface;</li>
 *   <li>each method of a settings interface carries exactly one setting annotation; a list
 *       setting has no default (missing means empty list);</li>
 *   <li>a component sees only its own settings: no index settings (so no
 *       {@code index.max_ngram_diff} check) and no file access (so no {@code *_path} settings:
 *       they are rejected with a clear message);</li>
 *   <li>everything Lucene is {@code provided}: the server's lib/ has it.</li>
 * </ul>
 */
package nl.watwerktindewijk.analysis;
