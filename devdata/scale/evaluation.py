"""Both sides' evaluations, the dashboard's rollups and the improvement items."""

from django.utils import timezone

from devdata.scale.common import analyze, bulk, write
from evaluation import services as evaluation_services
from evaluation.models import Answer, Evaluation, EvaluationRound, ImprovementItem, RoundKind
from evaluation.models import Side as EvaluationSide
from projects.choices import Stage
from projects.models import Project


class EvaluationMixin:
    def _seed_evaluations(self, projects: list[Project]) -> None:
        r = self.random
        evaluated = [
            p
            for p in projects
            if p.stage in (Stage.EVALUATION, Stage.CLOSED) and p.pk in self.partner_of
        ]
        now = timezone.now()
        rounds = bulk(
            EvaluationRound,
            [
                EvaluationRound(
                    project=p,
                    kind=RoundKind.FINAL,
                    unsealed_at=now if p.stage == Stage.CLOSED or p.n % 2 else None,
                    meeting_date=p.end_date if p.stage == Stage.CLOSED else None,
                    meeting_attendees="担当課 2名、NPO 2名" if p.stage == Stage.CLOSED else "",
                    conclusions="次年度は参加者の募集を早める。" if p.stage == Stage.CLOSED else "",
                    exchange_recorded_at=now if p.stage == Stage.CLOSED else None,
                    published_at=now if p.stage == Stage.CLOSED and p.n % 3 == 0 else None,
                )
                for p in evaluated
            ],
        )
        sheets = []
        for round_, project in zip(rounds, evaluated, strict=True):
            both = round_.unsealed_at is not None
            for side, organization_id in (
                (EvaluationSide.GOVERNMENT, project.owner_office_id),
                (EvaluationSide.NPO, self.partner_of[project.pk]),
            ):
                submitted = both or side == EvaluationSide.GOVERNMENT
                sheets.append(
                    Evaluation(
                        round=round_,
                        side=side,
                        organization_id=organization_id,
                        status=Evaluation.Status.SUBMITTED
                        if submitted
                        else Evaluation.Status.DRAFT,
                        overall_comment="おおむね計画どおりに進んだ。",
                        submitted_at=now if submitted else None,
                        comment_on_other="相手の評価を読み、課題の認識が一致した。" if both else "",
                    )
                )
        sheets = bulk(Evaluation, sheets)
        answers = []
        for sheet in sheets:
            bias = 0 if sheet.side == EvaluationSide.GOVERNMENT else r.choice((-1, 0, 0, 1))
            for key, group, principle in self.item_keys:
                score = min(5, max(1, r.choice((3, 4, 4, 5, 2)) + bias))
                answers.append(
                    Answer(
                        evaluation=sheet,
                        item=key,
                        group=group,
                        principle=principle,
                        score=score,
                        reason="期待を下回った" if score <= 2 else "",
                        comment="",
                    )
                )
        write(Answer, answers)
        # The planner needs statistics for the rollups' correlated lookups: on tables it still
        # believes empty it scans them once per answer (minutes for the first few thousand).
        # Once is enough: the shape of the tables stays the same as they grow, autovacuum
        # refreshes the figures, and an ANALYZE per chunk re-reads samples of ever larger tables.
        if not getattr(self, "evaluation_tables_analyzed", False) and rounds:
            analyze(Answer, Evaluation, EvaluationRound)
            self.evaluation_tables_analyzed = True
        # What a submission writes for the dashboard, written here once for all the sheets.
        evaluation_services.score_rollups_fill(round_ids=[round_.pk for round_ in rounds])
        write(
            ImprovementItem,
            [
                ImprovementItem(
                    round=round_,
                    project_id=round_.project_id,
                    text="参加者の募集を早め、広報を共同で行う。",
                    owner="both",
                    carry_forward=round_.project.n % 4 == 0,
                )
                for round_ in rounds
                if round_.exchange_recorded_at is not None
            ],
        )
