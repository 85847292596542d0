/**
 * The reports of a conformance run: the text matrix ({@link
 * io.github.dockerarchive.testkit.conformance.report.MatrixReport}), {@code results.json} ({@link
 * io.github.dockerarchive.testkit.conformance.report.JsonReport}), {@code junit.xml} ({@link
 * io.github.dockerarchive.testkit.conformance.report.JunitXmlReport}) and the self-contained {@code
 * report.html} ({@link io.github.dockerarchive.testkit.conformance.report.HtmlReport}), all made
 * from {@link io.github.dockerarchive.testkit.conformance.report.ConformanceResults}.
 */
package io.github.dockerarchive.testkit.conformance.report;
