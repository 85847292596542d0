package io.github.dockerarchive.testkit.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReportTest {
  @TempDir Path dir;

  @Test
  void oneSuitePerImplementationOneCasePerCheck() throws Exception {
    Document doc = write();
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("12");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    assertThat(root.getAttribute("skipped")).isEqualTo("3");

    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    Element builtin = (Element) suites.item(0);
    Element skopeo = (Element) suites.item(1);
    assertThat(builtin.getAttribute("name")).isEqualTo("builtin");
    assertThat(builtin.getAttribute("tests")).isEqualTo("6");
    assertThat(builtin.getAttribute("errors")).isEqualTo("1");
    assertThat(builtin.getAttribute("skipped")).isEqualTo("1");
    assertThat(skopeo.getAttribute("failures")).isEqualTo("1");
    assertThat(skopeo.getAttribute("skipped")).isEqualTo("2");
    assertThat(property(skopeo, "gated")).isEqualTo("false");
    assertThat(property(skopeo, "basedOnReference")).isEqualTo("true");
    assertThat(property(skopeo, "capabilities")).isEqualTo("read,write");
    assertThat(skopeo.getElementsByTagName("testcase").getLength()).isEqualTo(6);
  }

  @Test
  void failuresErrorsAndSkipsCarryTheReasonAndReproduction() throws Exception {
    Document doc = write();
    Element hostile = testcase(doc, "skopeo", "SEL-1/neither-one-image");
    assertThat(hostile.getAttribute("classname")).isEqualTo("skopeo.SEL-1");
    assertThat(hostile.getAttribute("time")).isEqualTo("1.234");
    Element failure = (Element) hostile.getElementsByTagName("failure").item(0);
    // the escape character cannot be carried by XML 1.0; everything else survives as text
    assertThat(failure.getAttribute("message"))
        .isEqualTo(SampleResults.HOSTILE.replace("\u001b", "\\u001B"));
    assertThat(failure.getAttribute("type")).isEqualTo("FAIL MUST");
    assertThat(hostile.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("skopeo copy docker-archive:/tmp/x.tar");

    Element error = testcase(doc, "builtin", "SEL-5/ref-behaviour");
    assertThat(error.getElementsByTagName("error").item(0).getAttributes()).isNotNull();
    assertThat(((Element) error.getElementsByTagName("error").item(0)).getAttribute("message"))
        .contains("the suite failed");

    Element deviation = testcase(doc, "skopeo", "SRC-4/fixed-behaviour");
    assertThat(
            ((Element) deviation.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .startsWith("known deviation of the reference: ");
    Element warning = testcase(doc, "builtin", "SRC-9/should-rule");
    assertThat(((Element) warning.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .startsWith("warning, SHOULD rule not met: ");
    Element unsupported = testcase(doc, "skopeo", "WR-12/hybrid");
    assertThat(
            ((Element) unsupported.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .isEqualTo("unsupported: needs write-hybrid");
    Element pass = testcase(doc, "builtin", "ARC-1/tar-formats");
    assertThat(pass.getChildNodes().getLength()).isZero();
  }

  @Test
  void charactersXmlCannotCarryAreSpelledOut() {
    assertThat(JunitXmlReport.clean("a\u0000b\u001bc\td\ne\uD800f\uFFFEg\uD83D\uDE00"))
        .isEqualTo("a\\u0000b\\u001Bc\td\ne\\uD800f\\uFFFEg\uD83D\uDE00");
  }

  private Document write() throws Exception {
    Path file = dir.resolve("junit.xml");
    JunitXmlReport.write(SampleResults.twoImplementations(), file);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(file.toFile());
  }

  private static String property(Element suite, String name) {
    NodeList props = suite.getElementsByTagName("property");
    for (int i = 0; i < props.getLength(); i++) {
      Element p = (Element) props.item(i);
      if (p.getAttribute("name").equals(name)) {
        return p.getAttribute("value");
      }
    }
    throw new AssertionError("no property " + name);
  }

  private static Element testcase(Document doc, String impl, String check) {
    NodeList cases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (c.getAttribute("name").equals(check)
          && c.getAttribute("classname").startsWith(impl + ".")) {
        return c;
      }
    }
    throw new AssertionError("no testcase " + impl + " " + check);
  }
}
