import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AttachmentIdParamDto {
  @ApiProperty()
  @IsUUID()
  id!: string;
}
