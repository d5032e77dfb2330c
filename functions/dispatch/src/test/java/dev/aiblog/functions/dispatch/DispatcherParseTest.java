package dev.aiblog.functions.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.core.steps.ExecutionInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which message bodies are execution inputs, and which are poison. */
class DispatcherParseTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "null",
                "not json",
                "[]",
                "{}",
                "{\"requestId\":\"r1\",\"topic\":\"t\",\"audience\":\"general\",\"tone\":\"informative\"}",
                "{\"requestId\":\"has space\",\"topic\":\"A topic\",\"audience\":\"general\",\"tone\":\"informative\",\"length\":\"short\"}",
                "{\"requestId\":\"r1#x\",\"topic\":\"A topic\",\"audience\":\"general\",\"tone\":\"informative\",\"length\":\"short\"}",
                "{\"requestId\":\"r1\",\"topic\":\"  \",\"audience\":\"general\",\"tone\":\"informative\",\"length\":\"short\"}",
                "{\"requestId\":\"r1\",\"topic\":\"A topic\",\"audience\":\"kids\",\"tone\":\"informative\",\"length\":\"short\"}",
                "{\"requestId\":\"r1\",\"topic\":\"A topic\",\"audience\":\"general\",\"tone\":\"angry\",\"length\":\"short\"}",
                "{\"requestId\":\"r1\",\"topic\":\"A topic\",\"audience\":\"general\",\"tone\":\"informative\",\"length\":\"LONG\"}",
                "{\"requestId\":\"r1\",\"topic\":{\"a\":1},\"audience\":\"general\",\"tone\":\"informative\",\"length\":\"short\"}"
            })
    void refusesAMalformedMessage(String body) {
        assertThatThrownBy(() -> Dispatcher.parse(body)).isInstanceOf(Dispatcher.MalformedMessageException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"requestId\":\"5a2c8e71-0b4f-4d93-8e6a-1c7f2b9d3e05\",\"topic\":\"A topic\",\"audience\":\"expert\",\"tone\":\"playful\",\"length\":\"long\"}|5a2c8e71-0b4f-4d93-8e6a-1c7f2b9d3e05",
                "{\"requestId\":\"r_1-2\",\"topic\":\"A topic\",\"audience\":\"general\",\"tone\":\"informative\",\"length\":\"short\",\"extra\":true}|r_1-2"
            })
    void acceptsAnExecutionInput(String body, String requestId) {
        ExecutionInput input = Dispatcher.parse(body);

        assertThat(input.requestId()).isEqualTo(requestId);
        assertThat(input.problems()).isEmpty();
    }
}
