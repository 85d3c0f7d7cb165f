"""Business rules of national forwarding; views, API, tasks and commands call only these."""

from .assessments import (
    add_evidence,
    answer_indicator,
    decide_evidence,
    finish_verification,
    gather,
    include_innovation,
    problems,
    publish_assessment,
    remove_evidence,
    remove_innovation,
    result,
    return_assessment,
    start_assessment,
    submit_assessment,
)
from .exports import request_batch_export
from .forwarding import forward_innovation, record_outcome
from .reference import copy_rule_set, load_reference, update_band, update_indicator, update_rule_set

__all__ = [
    "add_evidence",
    "answer_indicator",
    "copy_rule_set",
    "decide_evidence",
    "finish_verification",
    "forward_innovation",
    "gather",
    "include_innovation",
    "load_reference",
    "problems",
    "publish_assessment",
    "record_outcome",
    "remove_evidence",
    "remove_innovation",
    "request_batch_export",
    "result",
    "return_assessment",
    "start_assessment",
    "submit_assessment",
    "update_band",
    "update_indicator",
    "update_rule_set",
]
