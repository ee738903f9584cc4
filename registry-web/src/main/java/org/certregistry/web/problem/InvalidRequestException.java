package org.certregistry.web.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** A request whose fields are wrong; each problem names the field and says what is expected. */
public final class InvalidRequestException extends Problem {

    /** One wrong field. */
    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "The request is invalid", problems.isEmpty() ? "The request is invalid." : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    }
}
