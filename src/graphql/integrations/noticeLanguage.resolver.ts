import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { NoticeLanguage as NoticeLanguageValues, type NoticeLanguage } from '../../domain/integrations/noticeLanguage.decider.js';
import type { NoticeLanguageSetting as Setting } from '../../app/integrations/noticeLanguageService.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { SettingInput } from '../identity/identity.inputs.js';
import { Payload } from '../userErrors.js';
import { viewerMutation } from '../viewerMutation.js';
import { SettingPayload } from '../dryRun.js';

registerEnumType(NoticeLanguageValues, {
  name: 'NoticeLanguage',
  description: 'Language of notices (e-mail and chat): ja Japanese, en English.',
});

@ObjectType({ description: "The language a mailbox's notices (receive errors, account locks, reset, test messages; e-mail and chat) are written in." })
export class NoticeLanguageSetting {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => NoticeLanguageValues, { description: 'What notices are written in now: `chosen`, else `deploymentDefault`.' })
  language!: NoticeLanguage;

  @Field(() => NoticeLanguageValues, { nullable: true, description: "The mailbox's own choice; null while it speaks the deployment default." })
  chosen!: NoticeLanguage | null;

  @Field(() => NoticeLanguageValues, { description: 'MAILROOM_NOTICE_LANGUAGE of the deployment.' })
  deploymentDefault!: NoticeLanguage;

  static from(setting: Setting): NoticeLanguageSetting {
    return Object.assign(new NoticeLanguageSetting(), setting);
  }
}

@InputType()
export class SetNoticeLanguageInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => NoticeLanguageValues)
  language!: NoticeLanguage;
}

@ObjectType()
export class NoticeLanguagePayload extends SettingPayload {
  @Field(() => NoticeLanguageSetting, { nullable: true })
  noticeLanguage: NoticeLanguageSetting | null = null;
}

@Resolver(() => NoticeLanguageSetting)
export class NoticeLanguageResolver {
  @Query(() => NoticeLanguageSetting, { description: 'Members of the mailbox.' })
  async noticeLanguage(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<NoticeLanguageSetting> {
    return NoticeLanguageSetting.from(await ctx.services.integrations.noticeLanguage.get(viewerOf(ctx), mailboxNumber));
  }

  @Mutation(() => NoticeLanguagePayload, {
    description: "Administrators and the mailbox's operations administrators. Notices recorded from now on use it; recorded ones keep their texts.",
  })
  async setNoticeLanguage(@Arg('input', () => SetNoticeLanguageInput) input: SetNoticeLanguageInput, @Ctx() ctx: GraphQLContext): Promise<NoticeLanguagePayload> {
    const service = ctx.services.integrations.noticeLanguage;
    return viewerMutation(ctx, input, NoticeLanguagePayload, async (viewer, metadata) => {
      await service.set(viewer, { mailboxNumber: input.mailboxNumber, language: input.language }, metadata);
      return { noticeLanguage: NoticeLanguageSetting.from(await service.get(viewer, input.mailboxNumber)) };
    });
  }
}
