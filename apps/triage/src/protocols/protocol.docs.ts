import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISPOSITIONS, URGENCIES } from '@permanentie/contracts';

/**
 * Shapes of the protocol format (protocol.model.ts, docs/triage.md) and of the protocol and
 * settings answers, for the OpenAPI document only. Loading validates the whole document with
 * validateProtocol, which names every problem.
 */
export class LabelsDoc {
  @ApiProperty() nl: string;
  @ApiProperty() fr: string;
  @ApiProperty() en: string;
}

export class ProtocolOptionDoc {
  @ApiProperty({ pattern: '^[a-z0-9_]{1,64}$', example: 'yes' }) code: string;
  @ApiProperty({ type: LabelsDoc }) label: LabelsDoc;
}

export class ProtocolQuestionDoc {
  @ApiProperty({ pattern: '^[a-z0-9_]{1,64}$', example: 'pressing_radiating' }) id: string;
  @ApiProperty({ type: LabelsDoc }) text: LabelsDoc;
  @ApiProperty({ type: [ProtocolOptionDoc], minItems: 2 }) options: ProtocolOptionDoc[];
}

export class ProtocolOutcomeDoc {
  @ApiProperty({ enum: URGENCIES }) urgency: string;
  @ApiProperty({ enum: DISPOSITIONS, description: 'U1 goes with handed_to_112 and only with it' })
  disposition: string;
  @ApiProperty({ type: LabelsDoc, description: 'What the dispatcher tells the caller' }) advice: LabelsDoc;
}

export class ProtocolRuleDoc extends ProtocolOutcomeDoc {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { pressing_radiating: ['yes'] },
    description: 'questionId -> option codes; the rule fires when every named question has one of them',
  })
  when: Record<string, string[]>;
}

export class ProtocolComplaintDoc {
  @ApiProperty({ pattern: '^[a-z0-9_]{1,64}$', example: 'chest_pain' }) code: string;
  @ApiProperty({ type: LabelsDoc }) label: LabelsDoc;
  @ApiProperty({ type: [ProtocolQuestionDoc] }) questions: ProtocolQuestionDoc[];
  @ApiProperty({ type: [ProtocolRuleDoc], description: 'Tried in order; the first that fires wins' })
  rules: ProtocolRuleDoc[];
  @ApiProperty({ type: ProtocolOutcomeDoc, description: 'When no rule fires' }) otherwise: ProtocolOutcomeDoc;
}

export class ProtocolDefinitionDoc {
  @ApiProperty({ pattern: '^[a-z0-9_]{1,64}$', example: 'kring_leuven_2027' }) code: string;
  @ApiProperty({ type: LabelsDoc }) title: LabelsDoc;
  @ApiProperty({ type: [ProtocolComplaintDoc] }) complaints: ProtocolComplaintDoc[];
}

export class ProtocolVersionDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() code: string;
  @ApiProperty({ type: LabelsDoc }) title: LabelsDoc;
  @ApiProperty({ description: 'Number of complaints' }) complaints: number;
  @ApiProperty({ format: 'date-time' }) loadedAt: string;
  @ApiProperty({ example: 'dispatcher:disp-anna' }) loadedBy: string;
  @ApiProperty() active: boolean;
}

export class ActiveProtocolDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() code: string;
  @ApiProperty({ type: ProtocolDefinitionDoc }) definition: ProtocolDefinitionDoc;
}

export class LoadedProtocolDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() code: string;
  @ApiProperty() active: boolean;
}

export class TargetsDoc {
  @ApiProperty({ example: 20 }) triageMinutes: number;
  @ApiProperty({ example: 3 }) U1: number;
  @ApiProperty({ example: 60 }) U2: number;
  @ApiProperty({ example: 180 }) U3: number;
  @ApiProperty({ example: 1440 }) U4: number;
  @ApiProperty({ example: '08:00' }) ownGpAt: string;
}

export class SettingsDoc {
  @ApiProperty() wachtpostId: string;
  @ApiProperty({ type: TargetsDoc, description: 'Minutes of real time; U5: local time next working day' })
  targets: TargetsDoc;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) activeProtocolId: string | null;
  @ApiProperty({ description: 'Send it back with PUT; a stale one gets 409' }) version: number;
}
