/** Examples of the documentation: AssertJ assertions on archives and images. */
package com.example.dockerarchive.assertj;
