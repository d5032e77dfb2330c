# Sourced by ./mvnw, ./aiblog and .ci/run: makes JAVA_HOME point at a JDK 25.
# Order: a JAVA_HOME that already is 25, then AIBLOG_JAVA_HOME, then the usual install places.
# Prints what to do and returns 1 when no JDK 25 can be found.
aiblog_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
aiblog_select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME-}" "${AIBLOG_JAVA_HOME-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* \
      /usr/lib/jvm/java-25-openjdk* /usr/lib/jvm/jdk-25* /opt/java/openjdk "$HOME"/.sdkman/candidates/java/25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(aiblog_java_major "$candidate")" = "25" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "AI Blog Generator needs JDK 25. Install one (for example Temurin 25) and set JAVA_HOME or AIBLOG_JAVA_HOME to it." >&2
  return 1
}
