/** Examples of the documentation: reading the hostile corpus safely. */
package com.example.dockerarchive.hostile;
