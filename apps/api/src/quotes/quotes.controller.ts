import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AttachmentView, MessageView, QuoteView } from '@promoto/shared-dto';
import { DecideQuoteDto, SendQuoteDto } from '@promoto/shared-dto/validation';
import { ApiView } from '../app/api-views';
import { Roles } from '../auth/auth.decorators';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { MongoIdPipe } from '../common/mongo-id.pipe';
import { QuotesService } from './quotes.service';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @Roles('garagiste')
  @ApiOperation({
    summary:
      "Send a quote about one of my garage's bookings to its client: a message of kind 'quote' in their conversation, totals computed by the server",
  })
  @ApiNotFoundResponse({ description: "NOT_FOUND: no booking of the member's garage, or no quote of it to replace" })
  @ApiConflictResponse({ description: 'QUOTE_SUPERSEDED: the quote to replace was already replaced' })
  @ApiView('MessageView')
  send(@CurrentUser() user: AuthUser, @Body() body: SendQuoteDto): Promise<MessageView> {
    return this.quotes.send(user, body);
  }

  @Get(':id')
  @ApiOperation({
    summary: "A quote as it stands (the client's answers, replaced or expired), for its client and its garage",
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no quote of yours has this id' })
  @ApiView('QuoteView')
  get(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<QuoteView> {
    return this.quotes.get(user, id);
  }

  @Get(':id/document')
  @ApiOperation({
    summary:
      "The quote as a PDF in French (garage, vehicle, lines, VAT, totals, the client's answers and their time): a signed link, as an attachment's. A quote keeps its latest PDF only: the link of a state since passed (answered, replaced, expired) answers 404, ask again for the new one",
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no quote of yours has this id' })
  @ApiView('AttachmentView')
  document(@CurrentUser() user: AuthUser, @Param('id', MongoIdPipe) id: string): Promise<AttachmentView> {
    return this.quotes.document(user, id);
  }

  @Post(':id/decisions')
  @Roles('client')
  @ApiOperation({
    summary:
      "Approve or decline lines of my quote (lineIndexes), or every line not answered yet: a 'quote-decision' notice in the thread, the booking's approved amount",
  })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only the quote's client answers it" })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no quote of yours has this id' })
  @ApiConflictResponse({
    description:
      'QUOTE_SUPERSEDED: a newer version replaced it; QUOTE_EXPIRED: past its expiresAt; QUOTE_LINE_DECIDED: a line already answered',
  })
  @ApiView('QuoteView')
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', MongoIdPipe) id: string,
    @Body() body: DecideQuoteDto,
  ): Promise<QuoteView> {
    return this.quotes.decide(user, id, body);
  }
}
