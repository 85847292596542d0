/** Examples of the documentation: properties over generated archives. */
package com.example.dockerarchive.jqwik;
