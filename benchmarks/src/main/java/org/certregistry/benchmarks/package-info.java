/**
 * JMH benchmarks of the libraries (signing, verification, PDF rendering). Results and the
 * commands to rerun them are in {@code docs/benchmarks.md}.
 */
package org.certregistry.benchmarks;
